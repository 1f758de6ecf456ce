// @otbridge/core/testing: the offline test kit for parser authors.
export {};
