/** Remainder modulo 97 of a decimal number of any length, digit by digit (IBANs overflow doubles). */
export function mod97(digits: string): number {
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder;
}
