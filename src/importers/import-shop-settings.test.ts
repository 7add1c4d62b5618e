import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readShopSettings, parseCurrency, parseTimeZone, ShopSettingsError } from '../sql/shop-settings.ts';
import { ImportError } from './import-error.ts';
import { runImport } from './run-import.ts';
import { temporaryFolder, warehouseFactory, writeTestFile } from './test-files.ts';
import { warehouseChecksum } from './warehouse-checksum.ts';

const RETAIL = fileURLToPath(new URL('./fixtures/online-retail-edge-cases.csv', import.meta.url));
const folder = temporaryFolder('shop-settings');
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const warehouses = warehouseFactory(folder);
afterEach(warehouses.closeAll);

describe('shop settings recorded by imports', () => {
  it('records each format\'s currency and time zone, and --currency / --timezone override them', async () => {
    const retail = await warehouses.fresh();
    await runImport(retail, { format: 'online-retail', files: [RETAIL] });
    expect(await readShopSettings(retail)).toEqual({ currency: 'GBP', timeZone: 'Europe/London', locale: 'en-GB' });

    const overridden = await warehouses.fresh();
    await runImport(overridden, { format: 'online-retail', files: [RETAIL], shop: { currency: 'EUR', timeZone: 'Europe/Dublin' } });
    expect(await readShopSettings(overridden)).toMatchObject({ currency: 'EUR', timeZone: 'Europe/Dublin' });

    const taobao = await warehouses.fresh();
    const file = writeTestFile(folder, 'behaviour.csv', `1,100,7,pv,${Date.parse('2017-11-26T10:00:00+08:00') / 1000}\n`);
    await runImport(taobao, { format: 'taobao-user-behavior', files: [file] });
    expect(await readShopSettings(taobao)).toEqual({ currency: null, timeZone: 'Asia/Shanghai', locale: 'zh-CN' });
  });

  it('refuses to add amounts in another currency to a warehouse that holds amounts, writing nothing', async () => {
    const warehouse = await warehouses.fresh();
    await runImport(warehouse, { format: 'online-retail', files: [RETAIL] });
    const before = await warehouseChecksum(warehouse);
    await expect(runImport(warehouse, { format: 'online-retail', files: [RETAIL], shop: { currency: 'USD' } })).rejects.toThrow(ImportError);
    await expect(runImport(warehouse, { format: 'online-retail', files: [RETAIL], shop: { currency: 'USD' } })).rejects.toThrow(/holds amounts in GBP and this import's are in USD/);
    expect(await warehouseChecksum(warehouse)).toEqual(before);
  });

  it('checks --currency and --timezone values and names the parameter', () => {
    expect(parseCurrency('gbp')).toBe('GBP');
    expect(parseCurrency('none')).toBeNull();
    expect(() => parseCurrency('pounds')).toThrow(ShopSettingsError);
    expect(() => parseCurrency('pounds')).toThrow(/--currency: "pounds" is not a three-letter ISO 4217 code/);
    expect(parseTimeZone('Europe/London')).toBe('Europe/London');
    expect(() => parseTimeZone('Mars/Olympus')).toThrow(/--timezone: "Mars\/Olympus" is not an IANA time zone/);
  });
});
