/** Store every text a user enters in NFC so equal names compare equal. */
export function nfc(value: string): string {
  return value.normalize('NFC').trim();
}
