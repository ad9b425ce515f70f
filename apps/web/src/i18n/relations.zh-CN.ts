/** Chinese text of the relations module; merged into zh-CN. */
export const relationsZhCN = {
  relations: {
    mobileTitle: '组织关系',
    title: '组织关系',
  },
};
