// Tables of the life module.
export {};
