import { z } from 'zod';

// Every validation message a user can see comes from zod: set Vietnamese once, for every schema, in every process
// (main, CLI, web host, renderer). Model modules import this file for its effect.
z.config(z.locales.vi());
