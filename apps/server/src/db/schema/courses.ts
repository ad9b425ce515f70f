// Tables of the courses module.
export {};
