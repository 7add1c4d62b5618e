import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ImportError } from './import-error.ts';

/** The CSVs of the Brazilian E-Commerce Public Dataset by Olist, with the columns this importer reads. */
export const OLIST_FILES = {
  customers: { name: 'olist_customers_dataset.csv', required: true, columns: ['customer_id', 'customer_unique_id', 'customer_zip_code_prefix', 'customer_city', 'customer_state'] },
  orders: {
    name: 'olist_orders_dataset.csv',
    required: true,
    columns: ['order_id', 'customer_id', 'order_status', 'order_purchase_timestamp', 'order_approved_at', 'order_delivered_carrier_date', 'order_delivered_customer_date', 'order_estimated_delivery_date'],
  },
  items: { name: 'olist_order_items_dataset.csv', required: true, columns: ['order_id', 'order_item_id', 'product_id', 'seller_id', 'shipping_limit_date', 'price', 'freight_value'] },
  payments: { name: 'olist_order_payments_dataset.csv', required: false, columns: ['order_id', 'payment_sequential', 'payment_type', 'payment_installments', 'payment_value'] },
  reviews: { name: 'olist_order_reviews_dataset.csv', required: false, columns: ['review_id', 'order_id', 'review_score', 'review_comment_title', 'review_comment_message', 'review_creation_date', 'review_answer_timestamp'] },
  products: { name: 'olist_products_dataset.csv', required: true, columns: ['product_id', 'product_category_name'] },
  translation: { name: 'product_category_name_translation.csv', required: false, columns: ['product_category_name', 'product_category_name_english'] },
  sellers: { name: 'olist_sellers_dataset.csv', required: false, columns: ['seller_id', 'seller_zip_code_prefix', 'seller_city', 'seller_state'] },
  geolocation: { name: 'olist_geolocation_dataset.csv', required: false, columns: ['geolocation_zip_code_prefix', 'geolocation_lat', 'geolocation_lng', 'geolocation_city', 'geolocation_state'] },
} as const;

export type OlistFileKind = keyof typeof OLIST_FILES;

/**
 * The Olist CSVs among the given paths: a folder stands for the dataset's files inside it (others there are
 * ignored); a file given by name must be one of the dataset's. Missing required files fail before anything runs.
 */
export function findOlistFiles(inputs: readonly string[]): { files: Map<OlistFileKind, string>; ignored: string[] } {
  const files = new Map<OlistFileKind, string>();
  const ignored: string[] = [];
  const kindOf = (file: string) => (Object.entries(OLIST_FILES) as [OlistFileKind, (typeof OLIST_FILES)[OlistFileKind]][]).find(([, spec]) => spec.name === path.basename(file).toLowerCase())?.[0];
  for (const input of inputs) {
    const isFolder = (() => {
      try {
        return statSync(input).isDirectory();
      } catch {
        return false;
      }
    })();
    const candidates = isFolder ? readdirSync(input).filter((name) => name.toLowerCase().endsWith('.csv')).map((name) => path.join(input, name)) : [input];
    for (const file of candidates) {
      const kind = kindOf(file);
      if (!kind) {
        if (isFolder) ignored.push(file);
        else throw new ImportError({ file, reason: 'not one of the Olist dataset files', hint: `Pass the folder of the dataset or its files: ${Object.values(OLIST_FILES).map((spec) => spec.name).join(', ')}.` });
        continue;
      }
      if (files.has(kind)) throw new ImportError({ file, reason: `${OLIST_FILES[kind].name} is given twice (also ${files.get(kind)})`, hint: 'Pass each dataset file once.' });
      files.set(kind, file);
    }
  }
  for (const [kind, spec] of Object.entries(OLIST_FILES) as [OlistFileKind, (typeof OLIST_FILES)[OlistFileKind]][]) {
    if (spec.required && !files.has(kind)) {
      throw new ImportError({ file: inputs[0] ?? '(no file)', reason: `${spec.name} is missing`, hint: 'The Olist import needs at least the customers, orders, order items and products files; nothing was imported.' });
    }
  }
  return { files, ignored };
}
