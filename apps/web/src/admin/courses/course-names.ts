import { COURSE_KINDS, COURSE_TOPICS, type CourseKind, type CourseTopic } from '@vanguard/shared';

/** The Chinese names of a course's topic and kind codes. */
export const topicName = (k: string) => COURSE_TOPICS[k as CourseTopic] ?? k;
export const kindName = (k: string) => COURSE_KINDS[k as CourseKind] ?? k;
