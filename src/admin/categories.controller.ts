import { Body, Controller, Get, Param, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorOf } from '../audit/actor.js';
import { Role } from '../auth/entities/user.entity.js';
import { AdminAccess } from '../auth/guards/admin-access.js';
import { CategoryFormError, CategoryNotEmptyError } from '../catalog/catalog.errors.js';
import { CategoryEditor, type CategoryLine } from '../catalog/category-editor.service.js';
import { CategoryForm, MoveCategoryForm } from '../catalog/dto/category.forms.js';
import { NotFoundError } from '../common/errors.js';
import { flash } from '../common/flash.js';
import { type FailedForm, parseForm, showFormAgain } from '../common/forms.js';

/** The category tree: create, rename, move, reorder, delete when empty. Staff too. */
@Controller('admin/categories')
@AdminAccess(Role.Owner, Role.Staff)
export class CategoriesController {
  constructor(private readonly categories: CategoryEditor) {}

  @Get()
  @Render('admin/categories')
  async list() {
    return { ...(await this.listPage()), values: { parentId: '' } };
  }

  @Post()
  async create(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = await parseForm(CategoryForm, body);
    const again = async (failed: FailedForm) => showFormAgain(res, 'admin/categories', await this.listPage(), failed);
    if (!form.ok) return again(form);
    try {
      const created = await this.categories.create(form.value, actorOf(req));
      flash(req, 'success', `“${created.name}” was added, at /categories/${created.slug}.`);
    } catch (error) {
      if (error instanceof CategoryFormError) return again({ values: body, errors: { [error.field]: error.message } });
      throw error;
    }
    res.redirect(303, '/admin/categories');
  }

  @Get(':id')
  @Render('admin/category')
  async edit(@Param('id') id: string) {
    const category = await this.categories.category(idOf(id));
    const values = {
      name: category.name,
      slug: category.slug,
      parentId: category.parentId === null ? '' : String(category.parentId),
      description: category.description ?? '',
    };
    return { ...(await this.editPage(category.id)), values };
  }

  @Post(':id')
  async update(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const categoryId = idOf(id);
    const form = await parseForm(CategoryForm, body);
    const again = async (failed: FailedForm) => showFormAgain(res, 'admin/category', await this.editPage(categoryId), failed);
    if (!form.ok) return again(form);
    try {
      await this.categories.update(categoryId, form.value, actorOf(req));
    } catch (error) {
      if (error instanceof CategoryFormError) return again({ values: body, errors: { [error.field]: error.message } });
      throw error;
    }
    flash(req, 'success', `“${form.value.name}” was saved.`);
    res.redirect(303, '/admin/categories');
  }

  @Post(':id/move')
  async move(@Param('id') id: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const categoryId = idOf(id);
    const form = await parseForm(MoveCategoryForm, body);
    if (form.ok) await this.categories.move(categoryId, form.value.direction, actorOf(req));
    res.redirect(303, `/admin/categories#category-${categoryId}`);
  }

  /** Only an empty category goes; for any other the list comes back with 409 and what it still holds. */
  @Post(':id/delete')
  async remove(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const name = await this.categories.remove(idOf(id), actorOf(req));
      flash(req, 'success', `“${name}” was deleted.`);
    } catch (error) {
      if (!(error instanceof CategoryNotEmptyError)) throw error;
      return showFormAgain(res, 'admin/categories', await this.listPage(), { values: { parentId: '' }, errors: { form: error.message } }, 409);
    }
    res.redirect(303, '/admin/categories');
  }

  private async listPage() {
    const tree = await this.categories.tree();
    return { title: 'Categories', layout: 'admin', tree, parents: tree.map(asParent) };
  }

  private async editPage(id: number) {
    const tree = await this.categories.tree();
    const self = tree.findIndex((line) => line.id === id);
    if (self < 0) throw new NotFoundError('That category');
    const category = tree[self];
    // Under itself or one of its own subcategories is no place for a category: those are left out of the choice.
    let end = self + 1;
    while (end < tree.length && tree[end].depth > category.depth) end++;
    const parents = [...tree.slice(0, self), ...tree.slice(end)].map(asParent);
    return { title: `Edit ${category.name}`, layout: 'admin', category, parents };
  }
}

/** A choice in the "Goes under" select: indented by its depth, so the tree shows in a plain select. */
function asParent(line: CategoryLine) {
  return { id: String(line.id), label: `${'— '.repeat(line.depth)}${line.name}` };
}

function idOf(value: string): number {
  if (!/^\d{1,10}$/.test(value)) throw new NotFoundError('That category');
  return Number(value);
}
