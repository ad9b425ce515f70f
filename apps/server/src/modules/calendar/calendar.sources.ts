import type { CalendarSource } from '../../platform/calendar-source.js';
import { duesCalendar } from '../dues/index.js';
import { learningCalendar } from '../learning/index.js';
import { lifeCalendar } from '../life/index.js';
import { noticesCalendar } from '../notices/index.js';
import { recruitmentCalendar } from '../recruitment/index.js';
import { tasksCalendar } from '../tasks/index.js';

/** Every source of a person's calendar, one line per module (notices and tasks add theirs here). */
export const CALENDAR_SOURCES: Record<string, CalendarSource> = {
  life: lifeCalendar,
  dues: duesCalendar,
  learning: learningCalendar,
  recruitment: recruitmentCalendar,
  notices: noticesCalendar,
  tasks: tasksCalendar,
};
