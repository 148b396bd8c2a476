export { generateDemo, demoKeySeed, DEMO_AUTHORISATIONS, DEMO_PERIOD, DEMO_ORG_IDS, DEMO_RED_FLAGS, type DemoPlan } from './generate.js';
export { seedDemo, type SeedDemoOptions, type SeedDemoCounts } from './seed.js';
export { DEMO_DILIGENCE, type DemoDiligence } from './diligence.js';
export { DEMO_TAG_REUSE, type DemoTags } from './tags.js';
export { DEMO_DISCLOSED_FIELDS, demoDisclosureCode, demoRing } from './consumer.js';
