/** Chinese text of the mentors module; merged into zh-CN. */
export const mentorsZhCN = {
  mentors: {
    mobileTitle: '导师带徒',
    title: '导师带徒',
  },
};
