import { isNull, sql } from 'drizzle-orm';
import {
  actionItems,
  appraisalCampaigns,
  careLinks,
  competitions,
  coursePlans,
  courses,
  decisionMatters,
  decisionPublications,
  disciplineRecords,
  duesPayments,
  duesWithdrawalCases,
  elections,
  events,
  indicatorImports,
  learningAttempts,
  learningExams,
  learningQuestions,
  meetingLeaves,
  meetings,
  memberCorrections,
  members,
  mentorPairs,
  notices,
  petitions,
  pioneerPosts,
  proposalReviews,
  proposalRewards,
  proposals,
  recruitmentCases,
  relationLetters,
  relationLostCases,
  relationMobiles,
  reports,
  roleGrants,
  serviceTokens,
  taskAssignments,
  tasks,
  unqualifiedCases,
  users,
  workers,
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
export const NOTICES = gate(notices, notices.orgPath, '该通知');
export const TASKS = gate(tasks, tasks.orgPath, '该任务');
/** An assignment is seen by its org and by its assigner's org. */
export const TASK_ASSIGNMENTS = gate(taskAssignments, taskAssignments.orgPath, '该任务分派', {
  paths: sql`ARRAY[${taskAssignments.orgPath}, ${taskAssignments.assignerPath}]::text[]`,
});
export const REPORTS = gate(reports, reports.orgPath, '该举报');
export const ELECTIONS = gate(elections, elections.orgPath, '该选举');
export const PROPOSALS = gate(proposals, proposals.orgPath, '该建议');
/** A review task lies where its proposal does. */
export const PROPOSAL_REVIEWS = gate(
  proposalReviews,
  sql`(SELECT p.org_path FROM proposals p WHERE p.id = ${proposalReviews.proposalId})`,
  '该评审任务',
);
export const PROPOSAL_REWARDS = gate(proposalRewards, proposalRewards.orgPath, '该奖励记录');
export const EVENTS = gate(events, events.orgPath, '该活动');
/** A petition is seen by the org handling it now and by the org it was first routed to. */
export const PETITIONS = gate(petitions, petitions.orgPath, '该诉求', {
  paths: sql`ARRAY[${petitions.orgPath}, ${petitions.originOrgPath}]::text[]`,
});
export const WORKERS = gate(workers, workers.orgPath, '该职工');
export const CARE_LINKS = gate(careLinks, careLinks.orgPath, '该联系关系');
export const DECISION_MATTERS = gate(decisionMatters, decisionMatters.orgPath, '该三重一大事项');
export const DECISION_PUBLICATIONS = gate(decisionPublications, decisionPublications.orgPath, '该公开内容');
export const DISCIPLINE_RECORDS = gate(disciplineRecords, disciplineRecords.orgPath, '该处分记录');
