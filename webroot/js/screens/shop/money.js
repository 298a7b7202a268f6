import { lang } from '../../i18n.js';

/** An amount in minor units as the reader's language writes money: 150000 IDR -> "Rp 150.000" (id), "IDR 150,000" (en). */
export function money(amount, currency, minorUnits = 0) {
  const value = Number(amount) / 10 ** minorUnits;
  return new Intl.NumberFormat(lang() === 'id' ? 'id-ID' : 'en-US', {
    style: 'currency', currency, minimumFractionDigits: minorUnits, maximumFractionDigits: minorUnits,
  }).format(value);
}

/** The coloured tag of an order's status. */
export const statusTone = (status) => ({ paid: 'ok', refunded: 'warn', failed: 'bad', expired: 'bad', cancelled: 'bad' }[status] || '');
