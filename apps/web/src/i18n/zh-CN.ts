import type { zhCNConsole } from './zh-CN.console';
import { zhCNCore } from './zh-CN.core';
import { zhCNPages } from './zh-CN.pages';

/**
 * The Chinese text of the app and its pages in one object, for code that reads a message table
 * itself (it is imported by pages, never by the frames). The app loads it in parts: zh-CN.core.ts
 * with the app, zh-CN.pages.ts with the first page, zh-CN.console.ts with the console.
 */
export const zhCN = {
  ...zhCNCore,
  ...zhCNPages,
  calendar: { ...zhCNPages.calendar, ...zhCNCore.calendar },
  competitions: { ...zhCNPages.competitions, ...zhCNCore.competitions },
  courses: { ...zhCNPages.courses, ...zhCNCore.courses },
  dues: { ...zhCNPages.dues, ...zhCNCore.dues },
  learning: { ...zhCNPages.learning, ...zhCNCore.learning },
  life: { ...zhCNPages.life, ...zhCNCore.life },
  mentors: { ...zhCNPages.mentors, ...zhCNCore.mentors },
  points: { ...zhCNPages.points, ...zhCNCore.points },
  recruitment: { ...zhCNPages.recruitment, ...zhCNCore.recruitment },
  relations: { ...zhCNPages.relations, ...zhCNCore.relations },
  record: { ...zhCNPages.record, ...zhCNCore.record },
  secretaryM: { ...zhCNPages.secretaryM, ...zhCNCore.secretaryM },
  notices: { ...zhCNPages.notices, ...zhCNCore.notices },
  tasks: { ...zhCNPages.tasks, ...zhCNCore.tasks },
  elections: { ...zhCNPages.elections, ...zhCNCore.elections },
  proposals: { ...zhCNPages.proposals, ...zhCNCore.proposals },
  events: { ...zhCNPages.events, ...zhCNCore.events },
  petitions: { ...zhCNPages.petitions, ...zhCNCore.petitions },
  care: { ...zhCNPages.care, ...zhCNCore.care },
  decisions: { ...zhCNPages.decisions, ...zhCNCore.decisions },
};

/** Same keys, every leaf a string: the shape en-US must fill. */
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
export type Messages = DeepStrings<typeof zhCN & typeof zhCNConsole>;
