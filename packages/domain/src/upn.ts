const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * The UPN check letter for the 12 characters after it: each digit times its position (2–13), summed,
 * modulo 23, as a letter of the DfE alphabet (no I, O or S).
 */
export function upnCheckLetter(rest: string): string {
  if (!/^\d{12}$/.test(rest)) throw new Error(`UPN body must be 12 digits, got "${rest}"`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(rest[i]) * (i + 2);
  return UPN_LETTERS[sum % 23] as string;
}
