// Tables of the recruitment module.
export {};
