'use strict';

const utils = require('./math-utils.cjs');

const TAX_RATES = { DE: 0.19, FR: 0.2, GB: 0.2, US: 0 };

function rateFor(region) {
  const rate = TAX_RATES[region];
  if (rate === undefined) throw new Error('no tax rate for region ' + region);
  return rate;
}

function taxFor(amount, region) {
  return utils.roundTo(amount * utils.clamp(rateFor(region), 0, 1), 2);
}

module.exports = { taxFor, rateFor, TAX_RATES };
