// Tables of the learning module.
export {};
