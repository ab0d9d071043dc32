export { AccountSession, type SessionStatus } from '../data/account-session';
export { Permissions } from '../data/permissions';
export { signedInGuard } from '../data/sign-in-guard';
export { SignInAgainNotice } from '../ui/sign-in-again-notice';
export { type AccountUser, type Role } from '../util/account-user';
export { type Action, type Subject } from '../util/permissions';
