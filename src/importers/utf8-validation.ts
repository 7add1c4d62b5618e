/**
 * Index of the first byte that is not part of a valid UTF-8 sequence, or -1. A sequence cut off by the end
 * of `bytes` counts as valid when `truncated` is true (the sample was cut from a larger file).
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array, truncated = false): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let minimum: number;
    if (lead >= 0xc2 && lead <= 0xdf) [length, minimum] = [2, 0x80];
    else if (lead >= 0xe0 && lead <= 0xef) [length, minimum] = [3, 0x800];
    else if (lead >= 0xf0 && lead <= 0xf4) [length, minimum] = [4, 0x10000];
    else return index;
    if (index + length > bytes.length) return truncated ? -1 : index;
    let codePoint = lead & (0xff >> (length + 1));
    for (let offset = 1; offset < length; offset += 1) {
      const continuation = bytes[index + offset] ?? 0;
      if ((continuation & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are invalid UTF-8.
    if (codePoint < minimum || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return index;
    index += length;
  }
  return -1;
}
