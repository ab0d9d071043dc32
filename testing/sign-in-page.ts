/**
 * The sign-in as a person makes it on the app's page, and what Amplify then keeps in the page's
 * local storage. Kept apart from the user-pool project (user-pool-project.ts), which loads the
 * GraphQL transformer and the server: every browser file signs in here, and only a few start that
 * project.
 */
import { type Page } from 'playwright-core';

/** Signs in on the sign-in page; an invited person's first sign-in also sets `newPassword`. */
export async function signInOnPage(page: Page, email: string, password: string, newPassword?: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (newPassword) {
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('New password again').fill(newPassword);
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
  }
  // The app moves on in the page (its router): waiting for a load event would also wait for files
  // the page has not finished loading, which a test may be holding back on purpose.
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'), { waitUntil: 'commit' });
}

/** GraphQL as the person signed in on `page`, with the access token the app holds. */
export async function queryAsSignedIn(page: Page, url: string, query: string): Promise<unknown> {
  const token = await heldAccessToken(page);
  if (!token) throw new Error('nobody is signed in on this page');
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: token },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

/** Waits until the access token the page holds has expired (tokens live `tokenSeconds`). */
export async function accessTokenExpired(page: Page, tokenSeconds: number): Promise<void> {
  const expiry = await page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.accessToken'));
    const token = key ? (localStorage.getItem(key) ?? '') : '';
    const claims = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    return (JSON.parse(atob(claims)) as { exp: number }).exp * 1000;
  });
  const deadline = Date.now() + (tokenSeconds + 5) * 1000;
  while (Date.now() <= expiry + 1_000) {
    if (Date.now() > deadline) throw new Error('the access token did not expire in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * What a phone whose clock ran `ms` fast at the sign-in, and has been set right since, keeps: the
 * offset Amplify measured then (its clock drift), by which it trusts its tokens `ms` longer than
 * the server does.
 */
export async function clockWasAheadAtSignIn(page: Page, ms: number): Promise<void> {
  await page.evaluate((ahead) => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.clockDrift'));
    if (!key) throw new Error('nobody is signed in on this page');
    localStorage.setItem(key, String(Number(localStorage.getItem(key) ?? '0') - ahead));
  }, ms);
}

/** The access token Amplify keeps on the page, or null. */
export function heldAccessToken(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const key = Object.keys(localStorage).find((name) => name.endsWith('.accessToken'));
    return key ? localStorage.getItem(key) : null;
  });
}
