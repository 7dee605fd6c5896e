'use strict';

// The old checkout, still used for carts restored from before the migration.
// src/legacy/package.json makes the .js files of this folder CommonJS.

const Cart = require('./cart.cjs');
const tax = require('./tax.cjs');

const COUPONS = { WELCOME10: 0.1, SPRING5: 0.05 };

function couponKey(code) {
  return code.normalize('NFKC').trim().toUpperCase();
}

function checkout(items, region, coupon) {
  const cart = new Cart(items);
  if (cart.isEmpty()) return { total: 0, tax: 0, discount: 0 };
  const gross = cart.total();
  const rate = coupon ? COUPONS[couponKey(coupon)] || 0 : 0;
  const discount = Math.round(gross * rate * 100) / 100;
  const taxAmount = tax.taxFor(gross - discount, region);
  return { total: gross - discount + taxAmount, tax: taxAmount, discount };
}

exports.checkout = checkout;
exports.couponKey = couponKey;
