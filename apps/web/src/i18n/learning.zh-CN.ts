/** Chinese text of the learning module; merged into zh-CN. */
export const learningZhCN = {
  learning: {
    mobileTitle: '学习教育',
    title: '学习教育',
  },
};
