import { defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CalendarAnnouncement, ClockPauseRequest, ClockResumeRequest, PauseRecord } from '../../src/domain/calendar/case-clock-types';

/** CAL-2: a district calendar was published or amended; every open case of the district receives it. */
export const calendarAmendedSignal = defineSignal<[CalendarAnnouncement]>('calendarAmended');

/** Stops a case's running deadlines (abeyance by mutual agreement, a participant's leave). */
export const pauseClocksUpdate = defineUpdate<PauseRecord, [ClockPauseRequest]>('pauseClocks');

/** Starts them again: counting resumes where it stopped. */
export const resumeClocksUpdate = defineUpdate<PauseRecord, [ClockResumeRequest]>('resumeClocks');
