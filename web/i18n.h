/* i18n.h: the pages' languages: catalogs (web/i18n/LANG.txt), negotiation, numbers and dates in
 * the locale, and the language of the request a thread is answering. */
#ifndef TRACKER_I18N_H
#define TRACKER_I18N_H

#include <stdarg.h>

#include "buf.h"
#include "msg.h"

enum { I18N_EN, I18N_PT_BR, I18N_ID, I18N_ES, I18N_TH, I18N_NLANGS };

const char *i18n_code(int lang);
const char *i18n_text(int lang, const char *key);
int i18n_find(const char *tag);
int i18n_negotiate(const char *accept_language);
void i18n_number(struct buf *b, int lang, double v, int prec);
void i18n_date(struct buf *b, int lang, const char *played_at);
void i18n_msg(struct buf *b, int lang, int plain, const struct msg *m);
int i18n_check(const char *const texts[], struct buf *report);

void i18n_use(int lang, int in_url, const char *self);
void i18n_done(void);
int i18n_lang(void);
const char *i18n_q(void);
const char *i18n_amp(void);
const char *i18n_self(void);
const char *tr(const char *key, ...);
const char *trn(const char *key, int n, ...);
const char *vtr(const char *key, va_list ap);
const char *trm(const struct msg *m);

#endif
