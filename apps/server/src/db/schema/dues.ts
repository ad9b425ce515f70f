// Tables of the dues module.
export {};
