// Turns a file's bytes into base64 for records.import, in chunks so large files do not overflow the stack.
type WithToBase64 = Uint8Array & { toBase64?: () => string };

export function bytesToBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer) as WithToBase64;
  if (typeof bytes.toBase64 === 'function') return bytes.toBase64();
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
