/** An S3 error: its code and HTTP status as S3 answers them, and a message for people. */
export class S3Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const accessDenied = (message = 'Access Denied') => new S3Error('AccessDenied', 403, message);
export const invalidArgument = (message: string) => new S3Error('InvalidArgument', 400, message);
export const invalidRequest = (message: string) => new S3Error('InvalidRequest', 400, message);
export const malformedXml = () =>
  new S3Error(
    'MalformedXML',
    400,
    'The XML you provided was not well-formed or did not validate against our published schema.',
  );
export const noSuchUpload = () =>
  new S3Error(
    'NoSuchUpload',
    404,
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  );
export const notImplemented = (
  message = 'A header or query you provided implies functionality that is not implemented.',
) => new S3Error('NotImplemented', 501, message);
export const entityTooLarge = (limit: number) =>
  new S3Error('EntityTooLarge', 400, `Your proposed upload exceeds the maximum allowed size of ${limit} bytes.`);
export const badDigest = (what: string) =>
  new S3Error('BadDigest', 400, `The ${what} you specified did not match the calculated checksum.`);
