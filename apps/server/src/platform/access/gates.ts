import { isNull, sql } from 'drizzle-orm';
import {
  actionItems,
  appraisalCampaigns,
  competitions,
  coursePlans,
  courses,
  duesPayments,
  duesWithdrawalCases,
  indicatorImports,
  learningAttempts,
  learningExams,
  learningQuestions,
  meetingLeaves,
  meetings,
  memberCorrections,
  members,
  mentorPairs,
  pioneerPosts,
  recruitmentCases,
  relationLetters,
  relationLostCases,
  relationMobiles,
  roleGrants,
  serviceTokens,
  unqualifiedCases,
  users,
} from '../../db/schema/index.js';
import { gate } from './load.js';

// Every scoped table a record is loaded from by id, and where its org lies: `loadFor(ctx, CASES, id, permission)`.

export const MEMBERS = gate(members, members.orgPath, '该党员');
export const CASES = gate(recruitmentCases, recruitmentCases.orgPath, '该发展对象');
export const DUES_PAYMENTS = gate(duesPayments, duesPayments.orgPath, '该缴费记录');
export const WITHDRAWAL_CASES = gate(duesWithdrawalCases, duesWithdrawalCases.orgPath, '该审查事项');
export const PAIRS = gate(mentorPairs, mentorPairs.orgPath, '该师徒结对');
/** A meeting belongs to every org taking part (meeting_orgs, the host included). */
export const MEETINGS = gate(meetings, meetings.orgPath, '该会议', {
  paths: sql`(ARRAY(SELECT mo.org_path FROM meeting_orgs mo WHERE mo.meeting_id = ${meetings.id}) || ${meetings.orgPath})`,
});
/** A leave request is where its meeting is (every org taking part). */
export const LEAVES = gate(meetingLeaves, sql`''`, '该请假申请', {
  paths: sql`(SELECT ARRAY(SELECT mo.org_path FROM meeting_orgs mo WHERE mo.meeting_id = m.id) || m.org_path FROM meetings m WHERE m.id = ${meetingLeaves.meetingId})`,
});
export const ACTION_ITEMS = gate(actionItems, actionItems.orgPath, '该督办事项');
export const APPRAISALS = gate(appraisalCampaigns, appraisalCampaigns.orgPath, '该评议');
export const UNQUALIFIED_CASES = gate(unqualifiedCases, unqualifiedCases.orgPath, '该处置事项');
export const EXAMS = gate(learningExams, learningExams.orgPath, '该考试');
export const QUESTIONS = gate(learningQuestions, learningQuestions.orgPath, '该试题');
export const ATTEMPTS = gate(learningAttempts, learningAttempts.orgPath, '该答卷');
export const COMPETITIONS = gate(competitions, competitions.orgPath, '该竞赛', { live: isNull(competitions.deletedAt) });
export const COURSES = gate(courses, courses.orgPath, '该课程');
export const COURSE_PLANS = gate(coursePlans, coursePlans.orgPath, '该学习计划');
export const LETTERS = gate(relationLetters, relationLetters.orgPath, '该介绍信');
export const MOBILES = gate(relationMobiles, relationMobiles.orgPath, '该流动党员登记');
export const LOST_CASES = gate(relationLostCases, relationLostCases.orgPath, '该失联处置');
export const CORRECTIONS = gate(memberCorrections, memberCorrections.orgPath, '该更正申请');
export const PIONEER_POSTS = gate(pioneerPosts, pioneerPosts.orgPath, '该先锋岗');
/** An account is where its org is. */
export const USERS = gate(users, sql`(SELECT o.path FROM orgs o WHERE o.id = ${users.orgId})`, '该账号');
export const GRANTS = gate(roleGrants, sql`(SELECT o.path FROM orgs o WHERE o.id = ${roleGrants.orgId})`, '该授权');
export const SERVICE_TOKENS = gate(serviceTokens, serviceTokens.orgPath, '该接口令牌');
export const INDICATOR_IMPORTS = gate(indicatorImports, indicatorImports.orgPath, '该导入');
