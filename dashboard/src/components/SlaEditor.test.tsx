import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { SlaEditor } from './SlaEditor';

const sla = `{
  "sla_version": "v2.0",
  "applications": [
    {
      "application_name": "bad name!",
      "microservices": [
        {
          "microservice_name": "web",
          "port": "eighty"
        }
      ]
    }
  ]
}`;

function renderEditor(onSubmit: (doc: unknown) => Promise<void>, text = sla) {
  render(<SlaEditor id="sla" label="SLA (JSON)" initialText={text} submitLabel="Create" onSubmit={onSubmit} />);
  return screen.getByLabelText('SLA (JSON)') as HTMLTextAreaElement;
}

describe('SlaEditor', () => {
  it('sends the parsed document', async () => {
    const onSubmit = vi.fn().mockResolvedValue(undefined);
    renderEditor(onSubmit);
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toMatchObject({ sla_version: 'v2.0' });
  });

  it('shows each API violation with its field path, reason and line, and marks the line', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      new ApiError({
        status: 422,
        title: 'Invalid SLA',
        violations: [
          { path: '$.applications[0].application_name', reason: 'must be 1–30 letters or digits' },
          { path: '$.applications[0].application_namespace', reason: 'is required' },
          { path: '$.applications[0].microservices[0].port', reason: 'must be host:container[/tcp|udp]' },
        ],
      }),
    );
    const area = renderEditor(onSubmit);
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid SLA — 3 problems');
    const items = within(alert).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-path'))).toEqual([
      'applications[0].application_name',
      'applications[0].application_namespace',
      'applications[0].microservices[0].port',
    ]);
    expect(items[0]).toHaveTextContent('line 5');
    expect(items[0]).toHaveTextContent('must be 1–30 letters or digits');
    // A missing field is pinned to the object that lacks it.
    expect(items[1]).toHaveTextContent('line 4');
    expect(items[2]).toHaveTextContent('line 9');
    expect(area).toHaveAttribute('aria-invalid', 'true');

    const marked = document.querySelectorAll('.gutter-line.bad');
    expect([...marked].map((m) => m.textContent)).toEqual(['● 4', '● 5', '● 9']);
    expect(marked[2].getAttribute('title')).toBe('must be host:container[/tcp|udp]');

    // "line 9" selects that line in the text.
    fireEvent.click(within(items[2]).getByRole('button', { name: 'line 9' }));
    expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe('          "port": "eighty"');
  });

  it('shows a problem without violations as title and detail', async () => {
    renderEditor(() =>
      Promise.reject(new ApiError({ status: 409, title: 'Conflict', detail: 'demo.test already exists' })),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Conflict');
    expect(alert).toHaveTextContent('demo.test already exists');
  });

  it('does not send text that is not JSON and says where it breaks', () => {
    const onSubmit = vi.fn();
    const area = renderEditor(onSubmit, '{\n  "a": 1,\n}');
    expect(screen.getByText(/Not valid JSON at line 3/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create' })).toBeDisabled();
    fireEvent.change(area, { target: { value: '{"a": 1}' } });
    expect(screen.getByRole('button', { name: 'Create' })).toBeEnabled();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('loads an uploaded file into the editor', async () => {
    const area = renderEditor(vi.fn());
    const file = new File(['{"sla_version": "v2.0"}'], 'sla.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Upload an SLA file'), { target: { files: [file] } });
    await waitFor(() => expect(area.value).toBe('{"sla_version": "v2.0"}'));
  });
});
