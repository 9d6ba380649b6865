// Load Nest's own modules first: otherwise CommonJS packages that require them can fail under jest's ESM
// loader with "Cannot require() ES Module … in a cycle" (see DESIGN.md).
import '@nestjs/common';
import '@nestjs/core';
import 'reflect-metadata';
