import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { flash } from '../common/flash.js';
import { type FailedForm, parseForm, showFormAgain } from '../common/forms.js';
import { EmailTemplateForm } from '../mail/dto/email-template.form.js';
import { EmailTemplateEditor, InvalidEmailTemplateError } from '../mail/email-template-editor.service.js';
import { variableGuide } from './email-variable-guide.js';

const EDITOR = 'admin/email-template';
const editorPath = (kind: string) => `/admin/settings/emails/${encodeURIComponent(kind)}`;

/**
 * The owner edits the emails the shop sends: subject, HTML and text, previewed from a sample before
 * saving. The preview is a POST that renders the editor again beside it, so it works without JavaScript.
 */
@Controller('admin/settings/emails')
@AdminAccess(Role.Owner)
export class EmailTemplatesController {
  constructor(private readonly editor: EmailTemplateEditor) {}

  @Get()
  @Render('admin/emails')
  async list() {
    return { title: 'Emails', layout: 'admin', emails: await this.editor.list() };
  }

  @Get(':kind')
  @Render(EDITOR)
  async edit(@Param('kind') kind: string) {
    const page = await this.editorPage(kind);
    return { ...page, values: page.template.parts };
  }

  @Post(':kind/preview')
  async preview(@Param('kind') kind: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const page = await this.editorPage(kind);
    const form = await parseForm(EmailTemplateForm, body);
    if (!form.ok) return showFormAgain(res, EDITOR, page, form);
    try {
      res.status(200).render(EDITOR, { ...page, values: form.value, preview: this.editor.preview(kind, form.value) });
    } catch (error) {
      showFormAgain(res, EDITOR, page, refused(error, form.value));
    }
  }

  @Post(':kind')
  async save(@Param('kind') kind: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = await this.editorPage(kind);
    const form = await parseForm(EmailTemplateForm, body);
    if (!form.ok) return showFormAgain(res, EDITOR, page, form);
    try {
      await this.editor.save(kind, form.value, actorOf(req));
    } catch (error) {
      return showFormAgain(res, EDITOR, page, refused(error, form.value));
    }
    flash(req, 'success', `Saved. The next “${page.template.title}” email uses this template.`);
    res.redirect(303, editorPath(kind));
  }

  @Post(':kind/restore')
  async restore(@Param('kind') kind: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { title, restored } = await this.editor.restore(kind, actorOf(req));
    flash(req, restored ? 'success' : 'info', restored ? `The default “${title}” template is back.` : `“${title}” already uses the default template.`);
    res.redirect(303, editorPath(kind));
  }

  private async editorPage(kind: string) {
    const template = await this.editor.forEditing(kind);
    return { title: template.title, layout: 'admin', template, variables: variableGuide(template.variables) };
  }
}

/** A template the editor refused, as a form to show again with the owner's text and each part's problems. */
function refused(error: unknown, values: EmailTemplateForm): FailedForm {
  if (!(error instanceof InvalidEmailTemplateError)) throw error;
  return { values: { ...values }, errors: error.errors };
}
