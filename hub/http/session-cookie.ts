import type { AnswerHeaders } from '../../server-kit/http/handlers';

/**
 * The session cookie: HttpOnly (no script in a page can read it),
 * SameSite=Strict (no other site's page makes the browser send it), Path=/,
 * no Domain (this host only). Over TLS it is also Secure and named with the
 * __Host- prefix, which browsers accept only with Secure, Path=/ and no
 * Domain — so no sibling host or plain-HTTP page can plant one. Which name
 * a request is read by follows from whether it came over TLS.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-hub-session' : 'hub-session';
}

function attributes(secure: boolean): string {
  return `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function setSessionCookie(answer: AnswerHeaders, token: string, secure: boolean): void {
  answer.header('set-cookie', `${sessionCookieName(secure)}=${token}; ${attributes(secure)}`);
}

export function clearSessionCookie(answer: AnswerHeaders, secure: boolean): void {
  answer.header('set-cookie', `${sessionCookieName(secure)}=; ${attributes(secure)}; Max-Age=0`);
}
