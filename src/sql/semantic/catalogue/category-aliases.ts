/**
 * Words shops use for a stored category value. The Online Retail importer files postage, fees and discounts under
 * `non_merchandise` (see importers/online-retail-cleaning.ts): "top products, leave out postage and fees" and
 * "不算邮费和手续费" exclude that category.
 */
export const CATEGORY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  non_merchandise: ['non-merchandise', 'non merchandise', 'non-product lines', 'non-product items', 'postage', 'postage and fees', 'postage, fees', 'fees and postage', 'carriage', '邮费', '运费', '手续费', '邮费和手续费', '邮费手续费', '邮费、手续费', '运费和手续费', '非商品'],
};

/** English names for stored category values that are codes rather than words. */
export const CATEGORY_LABELS_EN: Readonly<Record<string, string>> = {
  non_merchandise: 'non-merchandise lines (postage, fees, discounts)',
};
