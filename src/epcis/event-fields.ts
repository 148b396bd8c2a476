/**
 * The standard fields of each EPCIS 2.0 event type, in the order of the EPCIS 2.0 XML schema
 * (EPCglobal-epcis-2_0.xsd). The XML reader checks element order against these lists, the XML
 * writer follows them, and normalised events keep their members in this order.
 */

export const EVENT_TYPES = ['ObjectEvent', 'AggregationEvent', 'TransactionEvent', 'TransformationEvent', 'AssociationEvent'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

export const isEventType = (name: string): name is EventType => EVENT_TYPE_SET.has(name);

/** EPCISEventType: the fields every event starts with (`baseExtension` is flattened away). */
const COMMON_HEAD = ['eventTime', 'recordTime', 'eventTimeZoneOffset', 'eventID', 'errorDeclaration', 'certificationInfo'] as const;

/** The fields of each event type after the common head. */
const TYPE_FIELDS: Readonly<Record<EventType, readonly string[]>> = {
  ObjectEvent: [
    'epcList', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'quantityList',
    'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition', 'ilmd',
  ],
  AggregationEvent: [
    'parentID', 'childEPCs', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation', 'bizTransactionList',
    'childQuantityList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition',
  ],
  TransactionEvent: [
    'bizTransactionList', 'parentID', 'epcList', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation',
    'quantityList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition',
  ],
  TransformationEvent: [
    'inputEPCList', 'inputQuantityList', 'outputEPCList', 'outputQuantityList', 'transformationID', 'bizStep',
    'disposition', 'readPoint', 'bizLocation', 'bizTransactionList', 'sourceList', 'destinationList',
    'sensorElementList', 'persistentDisposition', 'ilmd',
  ],
  AssociationEvent: [
    'parentID', 'childEPCs', 'childQuantityList', 'action', 'bizStep', 'disposition', 'readPoint', 'bizLocation',
    'bizTransactionList', 'sourceList', 'destinationList', 'sensorElementList', 'persistentDisposition',
  ],
};

/** Fields an event of the type must have (XSD minOccurs 1). */
const REQUIRED: Readonly<Record<EventType, readonly string[]>> = {
  ObjectEvent: ['eventTime', 'eventTimeZoneOffset', 'action'],
  AggregationEvent: ['eventTime', 'eventTimeZoneOffset', 'action'],
  TransactionEvent: ['eventTime', 'eventTimeZoneOffset', 'bizTransactionList', 'action'],
  TransformationEvent: ['eventTime', 'eventTimeZoneOffset'],
  AssociationEvent: ['eventTime', 'eventTimeZoneOffset', 'parentID', 'action'],
};

/** A record with one entry per event type. */
function perType<T>(value: (type: EventType) => T): Readonly<Record<EventType, T>> {
  const record = {} as Record<EventType, T>;
  for (const type of EVENT_TYPES) record[type] = value(type);
  return record;
}

/** All standard fields of an event type, in XSD order. */
export const EVENT_FIELD_ORDER = perType((t): readonly string[] => [...COMMON_HEAD, ...TYPE_FIELDS[t]]);

/** The standard fields of an event type, as a set. */
export const EVENT_FIELD_SET = perType((t): ReadonlySet<string> => new Set(EVENT_FIELD_ORDER[t]));

/** Position of each standard field in {@link EVENT_FIELD_ORDER}, per type. */
export const EVENT_FIELD_POSITION = perType((t): ReadonlyMap<string, number> => new Map(EVENT_FIELD_ORDER[t].map((f, i) => [f, i])));

export const requiredFields = (type: EventType): readonly string[] => REQUIRED[type];

/** Every standard field name of any event type. */
export const ALL_EVENT_FIELDS: ReadonlySet<string> = new Set(EVENT_TYPES.flatMap((t) => EVENT_FIELD_ORDER[t]));

/** Lists of identifiers, and the XML element of their items. */
export const EPC_LISTS: ReadonlySet<string> = new Set(['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList']);
export const QUANTITY_LISTS: ReadonlySet<string> = new Set(['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']);

/** Standard members of the nested structures, in XSD order. */
export const QUANTITY_ELEMENT_FIELDS = ['epcClass', 'quantity', 'uom'] as const;
export const ERROR_DECLARATION_FIELDS = ['declarationTime', 'reason', 'correctiveEventIDs'] as const;
export const SENSOR_METADATA_FIELDS = [
  'time', 'startTime', 'endTime', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules',
] as const;
export const SENSOR_REPORT_FIELDS = [
  'type', 'exception', 'deviceID', 'deviceMetadata', 'rawData', 'dataProcessingMethod', 'bizRules', 'time', 'microorganism',
  'chemicalSubstance', 'value', 'component', 'stringValue', 'booleanValue', 'hexBinaryValue', 'uriValue', 'minValue',
  'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue', 'uom', 'coordinateReferenceSystem',
] as const;

/** sensorReport attributes that hold numbers (xsd:double) and booleans. */
export const SENSOR_NUMBER_FIELDS: ReadonlySet<string> = new Set(['value', 'minValue', 'maxValue', 'meanValue', 'sDev', 'percRank', 'percValue']);
export const SENSOR_BOOLEAN_FIELDS: ReadonlySet<string> = new Set(['booleanValue']);

/** Fields holding an xsd:dateTime. */
export const TIME_FIELDS: ReadonlySet<string> = new Set(['eventTime', 'recordTime', 'declarationTime', 'time', 'startTime', 'endTime']);
