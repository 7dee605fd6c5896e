'use strict';

// Numeric helpers from the first, pre-TypeScript version of the shop.

exports.sumBy = function sumBy(items, pick) {
  let total = 0;
  for (const item of items) total += pick(item);
  return total;
};

exports.roundTo = (value, digits) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

exports.clamp = function (value, min, max) {
  return Math.min(Math.max(value, min), max);
};
