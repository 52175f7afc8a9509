/** Signs the cookies that open the ops console's files (CloudFront signed cookies, custom policy). */
export interface ConsoleCookieSigner {
  /** Cookie name → value, valid for `resource` (may end in *) until `expiresAt`. */
  cookiesFor(grant: { readonly resource: string; readonly expiresAt: Date }): Promise<Readonly<Record<string, string>>>;
}
