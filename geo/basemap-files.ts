export function basemapFiles(): Map<string, string> { return new Map(); }
