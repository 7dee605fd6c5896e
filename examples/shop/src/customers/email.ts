/** Mail providers that answer to more than one domain. */
const DOMAIN_ALIASES: Record<string, string> = {
  'googlemail.com': 'gmail.com',
  'me.com': 'icloud.com',
};

/** Lower-cases, drops `+tags` and maps domain aliases, so one mailbox has one spelling. */
export function normalize(email: string): string {
  const [local = '', domain = ''] = email.trim().toLowerCase().split('@');
  const canonical = DOMAIN_ALIASES[domain] ?? domain;
  return `${local.replace(/\+.*$/, '')}@${canonical}`;
}

export function isValidEmail(email: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/.test(normalize(email));
}
