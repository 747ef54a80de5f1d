import { DomainError, isUuid } from '@chibo/domain';

/** Check an id argument before it reaches SQL: a bad id is the client's error, named as such. */
export function parseId(value: unknown, field = 'id'): string {
  if (!isUuid(value)) {
    throw new DomainError('INVALID_ID', { vi: `Mã định danh không hợp lệ: ${field}`, en: `Invalid id: ${field}` }, { field });
  }
  return value.toLowerCase();
}
