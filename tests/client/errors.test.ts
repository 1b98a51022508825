import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter, RouterView } from 'vue-router';
import { useForm } from '../../client/src/shared/forms/useForm';
import { describeLoadError, errorInfo } from '../../client/src/shared/errors';
import { formErrors } from '../../client/src/shared/forms/fieldErrors';
import { applyLanguage } from '../../client/src/shared/i18n';
import { graphqlError, networkError } from './support/factories';

describe('errorInfo', () => {
  it('reads extensions.code and reason of the first GraphQL error', () => {
    expect(errorInfo(graphqlError('NOT_FOUND', { reason: 'JOURNEY_NOT_FOUND' }, 'Journey x does not exist.'))).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'JOURNEY_NOT_FOUND',
      serverMessage: 'Journey x does not exist.',
    });
  });

  it('calls a request without an answer NETWORK', () => {
    expect(errorInfo(networkError()).code).toBe('NETWORK');
  });
});

describe('describeLoadError', () => {
  afterEach(() => applyLanguage('en'));

  it('does not offer a retry for a journey that does not exist or a malformed id', () => {
    expect(describeLoadError(graphqlError('NOT_FOUND'), 'journey')).toMatchObject({ title: 'This journey does not exist', retryable: false });
    expect(describeLoadError(graphqlError('BAD_USER_INPUT'), 'journey')).toMatchObject({ title: 'This journey does not exist', retryable: false });
  });

  it('offers a retry for network trouble and server errors', () => {
    expect(describeLoadError(networkError(), 'journey')).toMatchObject({ title: 'Cannot reach Touchpoint', retryable: true });
    expect(describeLoadError(graphqlError('INTERNAL_SERVER_ERROR', {}, 'Internal server error.'), 'journey list')).toMatchObject({
      title: 'Could not load the journey list',
      retryable: true,
    });
  });

  it('passes on the server\'s message for a role without access', () => {
    expect(describeLoadError(graphqlError('FORBIDDEN', {}, 'Analysts cannot see this.'), 'journey')).toMatchObject({
      title: 'Not available for your role',
      message: 'Analysts cannot see this.',
      retryable: false,
    });
  });

  it('says it in Danish to a Danish reader, with the thing named as the page names it', () => {
    applyLanguage('da');
    expect(describeLoadError(graphqlError('NOT_FOUND'), 'kunderejsen')).toMatchObject({ title: 'Vi kan ikke finde kunderejsen', message: 'Det kan være slettet. Vælg fra listen.', retryable: false });
    expect(describeLoadError(networkError(), 'kunderejsen')).toMatchObject({ title: 'Kan ikke få forbindelse til Touchpoint', message: 'Serveren svarede ikke. Tjek din forbindelse, og prøv igen.' });
    expect(describeLoadError(graphqlError('UNAUTHENTICATED'), 'målene')).toMatchObject({ title: 'Din session er udløbet', message: 'Log ind igen for at fortsætte.' });
    expect(describeLoadError(graphqlError('INTERNAL_SERVER_ERROR'), 'listen over kunderejser')).toMatchObject({
      title: 'Kunne ikke hente listen over kunderejser',
      // The server's own message, by its code, in Danish.
      message: 'Der gik noget galt på serveren. Det er logget; prøv igen, eller kontakt en administrator.',
    });
  });
});

describe('formErrors in Danish', () => {
  afterEach(() => applyLanguage('en'));

  it("puts the server's e-mail refusal (IsUserEmail, the one e-mail rule) on the field, in the reader's language", () => {
    // The user editor only asks that an address is given; whether it is one is the server's rule.
    const refused = () =>
      graphqlError('BAD_USER_INPUT', { reason: 'VALIDATION_FAILED', fields: [{ field: 'email', problems: ['email must be an email'], rules: ['isEmail'] }] }, 'Argument Validation Error');
    expect(formErrors(refused()).fields).toEqual({ email: 'Email must be an email.' });
    applyLanguage('da');
    expect(formErrors(refused()).fields).toEqual({ email: 'Skal være en e-mailadresse.' });
  });

  it('says a save that got no answer in Danish', () => {
    applyLanguage('da');
    expect(formErrors(networkError()).general).toBe('Serveren svarede ikke. Intet blev gemt; prøv igen.');
  });

  it('asks in Danish before leaving a form with unsaved changes, and stays when told to', async () => {
    applyLanguage('da');
    const Editor = defineComponent({
      setup() {
        const form = useForm({ name: 'Nordlys' });
        form.values.name = 'Nordlys A/S';
        return () => h('p', form.values.name);
      },
    });
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/edit', component: Editor }, { path: '/elsewhere', component: { render: () => h('p', 'else') } }] });
    await router.push('/edit');
    const wrapper = mount(RouterView, { global: { plugins: [router] } });
    // happy-dom has no window.confirm: the answer "stay" stands in for the user's.
    const confirm = vi.fn((_question?: string) => false);
    Object.defineProperty(window, 'confirm', { value: confirm, configurable: true, writable: true });
    try {
      await router.push('/elsewhere');
      expect(confirm).toHaveBeenCalledWith('Du har ændringer, der ikke er gemt. Vil du forlade siden uden at gemme dem?');
      expect(router.currentRoute.value.path).toBe('/edit');
    } finally {
      Reflect.deleteProperty(window, 'confirm');
      wrapper.unmount();
    }
  });
});
