import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../src/domain/actor';
import type { CalendarAmendment, CalendarEvent, DistrictCalendar, DistrictCalendarRecord } from '../../src/domain/calendar';

/** The calendar as published now, with its amendment log. */
export const getDistrictCalendarQuery = defineQuery<DistrictCalendarRecord>('getDistrictCalendar');

/** Publishes a whole calendar; a replacement is recorded as an amendment of the previous version. */
export const publishCalendarUpdate = defineUpdate<CalendarAmendment, [{ calendar: DistrictCalendar; by: Actor; reason: string }]>('publishCalendar');

/** CAL-2: a snow-day closure, a make-up day, a moved holiday: events added and removed by id. */
export const amendCalendarUpdate = defineUpdate<CalendarAmendment, [{ add: CalendarEvent[]; remove: string[]; by: Actor; reason: string }]>('amendCalendar');

/** The type of ApplicationFailure a refused calendar change carries; its details hold the problems. */
export const CALENDAR_REJECTED = 'CalendarRejected';
