/** Chinese text of the courses module; merged into zh-CN. */
export const coursesZhCN = {
  courses: {
    mobileTitle: '在线学习',
    title: '课程与学习计划',
  },
};
