import type { Warehouse } from '../../sql/warehouse.ts';
import { embedTexts } from '../embeddings/embedding-cache.ts';
import type { TextEncoder } from '../embeddings/text-encoder.ts';
import { titleText, type CatalogProduct } from './product-catalog.ts';

/**
 * Unit-length title embeddings per product, through the shared embedding cache (text_embeddings), so a
 * catalogue is encoded once per encoder. Products without any title get no vector (no content similarity).
 */
export async function titleVectors(warehouse: Warehouse, encoder: TextEncoder, catalog: ReadonlyMap<number, CatalogProduct>): Promise<Map<number, Float32Array>> {
  const products = [...catalog.values()].filter((product) => titleText(product) !== '');
  const vectors = await embedTexts(warehouse, encoder, products.map(titleText));
  const byProduct = new Map<number, Float32Array>();
  products.forEach((product, index) => {
    const vector = vectors[index];
    if (vector && vector.some((value) => value !== 0)) byProduct.set(product.productId, vector);
  });
  return byProduct;
}
