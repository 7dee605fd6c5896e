/** Stock keeping units look like `TSHIRT-RED-M`: upper case, dash separated, no spaces. */
const SKU_PATTERN = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

export function normalize(raw: string): string {
  return raw
    .trim()
    .toUpperCase()
    .replace(/[\s_]+/g, '-');
}

export function isValidSku(raw: string): boolean {
  return SKU_PATTERN.test(normalize(raw));
}

/** `TSHIRT-RED-M` belongs to the family `TSHIRT`. */
export function skuFamily(sku: string): string {
  const [family] = normalize(sku).split('-');
  return family ?? '';
}
