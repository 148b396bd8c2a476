/** Short ids of the demo organisations. */
export const DEMO_ORG_IDS = {
  asmo: 'asmo-ituri',
  tradingHouse: 'th-mongbwalu',
  exporter: 'exp-bunia',
  refiner: 'refiner-ch',
  jeweller: 'jeweller-fr',
  peru: 'coop-puno',
  ghana: 'asm-ghana',
  certifier: 'certifier-demo',
  ngo: 'ngo-demo',
  authority: 'authority-cd',
} as const;
