/** Tables of the mentors module: mentor–mentee pairs with plans, meetings and evaluations (导师制). */
export {};
