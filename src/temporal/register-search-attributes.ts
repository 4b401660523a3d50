import { isGrpcServiceError, type Connection } from '@temporalio/client';
import { status } from '@grpc/grpc-js';
import type { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Logger } from '../logger';
import { CASE_SEARCH_ATTRIBUTES } from './search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;

const INDEXED_TYPES: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  TEXT: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  KEYWORD: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/**
 * Registers the case search attributes the namespace lacks. Idempotent: safe on every start, on the embedded dev
 * server and on an existing cluster alike. Returns the names it added.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string, logger: Logger): Promise<string[]> {
  const customAttributes = await listCustomAttributes(connection, namespace);
  const missing = CASE_SEARCH_ATTRIBUTES.filter((key) => !(key.name in customAttributes));
  if (missing.length > 0) {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, INDEXED_TYPES[key.type]])),
    });
    logger.info({ namespace, added: missing.map((key) => key.name) }, 'registered case search attributes');
  }
  return missing.map((key) => key.name);
}

/** The namespace's custom attributes; none known where the server cannot list them (Java time-skipping server). */
async function listCustomAttributes(connection: Connection, namespace: string): Promise<Record<string, unknown>> {
  try {
    return (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes;
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === status.UNIMPLEMENTED) return {};
    throw error;
  }
}
