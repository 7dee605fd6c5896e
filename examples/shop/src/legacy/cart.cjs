'use strict';

const { sumBy, roundTo } = require('./math-utils.cjs');

/** A shopping cart the way the old code base modelled it: a constructor function. */
function Cart(items) {
  this.items = [];
  if (items) this.addAll(items);
}

Cart.prototype.add = function (item) {
  const existing = this.items.find(function (i) {
    return i.sku === item.sku;
  });
  if (existing) existing.quantity += item.quantity;
  else this.items.push({ sku: item.sku, price: item.price, quantity: item.quantity });
  return this;
};

Cart.prototype.addAll = function (items) {
  items.forEach((item) => this.add(item));
  return this;
};

Cart.prototype.total = function () {
  return roundTo(
    sumBy(this.items, (item) => item.price * item.quantity),
    2,
  );
};

Cart.prototype.isEmpty = function () {
  return this.items.length === 0;
};

module.exports = Cart;
