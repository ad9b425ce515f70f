// Tables of the relations module.
export {};
