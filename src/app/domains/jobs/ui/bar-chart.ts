import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

const ROW = 32;
const LABEL_WIDTH = 100;
const CHART_WIDTH = 320;
const VALUE_SPACE = 40;

/**
 * A horizontal bar chart in plain SVG. The picture is one image with a spoken summary; the same
 * numbers are a real table one tap away ("Show the numbers"), for anyone who prefers to read them.
 */
@Component({
  selector: 'fb-bar-chart',
  template: `
    <figure>
      <figcaption [id]="id() + '-caption'">{{ caption() }}</figcaption>
      <svg
        role="img"
        [attr.aria-labelledby]="id() + '-caption ' + id() + '-summary'"
        [attr.viewBox]="'0 0 ' + width + ' ' + height()"
        preserveAspectRatio="xMinYMin meet"
      >
        <desc [id]="id() + '-summary'">{{ summary() }}</desc>
        @for (row of rows(); track row.label; let i = $index) {
          <g [attr.transform]="'translate(0,' + i * rowHeight + ')'">
            <text x="0" y="20" class="label">{{ row.label }}</text>
            <rect [attr.x]="labelWidth" y="6" height="20" rx="3" [attr.width]="row.width" class="bar" />
            <text [attr.x]="labelWidth + row.width + 6" y="21" class="value">{{ row.value }}</text>
          </g>
        }
      </svg>
      <details>
        <summary>
          Show the numbers<span class="visually-hidden"> of {{ caption() }}</span>
        </summary>
        <table>
          <caption class="visually-hidden">
            {{
              caption()
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ labelHeader() }}</th>
              <th scope="col">Jobs</th>
            </tr>
          </thead>
          <tbody>
            @for (bar of bars(); track bar.label) {
              <tr>
                <th scope="row">{{ bar.label }}</th>
                <td>{{ bar.value }}</td>
              </tr>
            }
          </tbody>
        </table>
      </details>
    </figure>
  `,
  styles: `
    figure {
      margin: 0 0 var(--space);
    }
    figcaption {
      font-weight: 600;
      margin-bottom: 0.5rem;
    }
    svg {
      width: 100%;
      max-width: 32rem;
      display: block;
    }
    .label,
    .value {
      font-size: 13px;
      fill: var(--color-text);
    }
    .bar {
      fill: var(--color-primary);
    }
    table {
      border-collapse: collapse;
      margin-top: 0.5rem;
    }
    th,
    td {
      text-align: left;
      padding: 0.25rem 1rem 0.25rem 0;
      border-bottom: 1px solid var(--color-border);
    }
    td {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BarChart {
  /** Unique per page; ties the caption and summary to the image. */
  readonly id = input.required<string>();
  readonly caption = input.required<string>();
  readonly labelHeader = input('Category');
  readonly bars = input.required<readonly Bar[]>();

  protected readonly width = CHART_WIDTH;
  protected readonly rowHeight = ROW;
  protected readonly labelWidth = LABEL_WIDTH;
  protected readonly height = computed(() => Math.max(1, this.bars().length) * ROW);
  protected readonly rows = computed(() => {
    const max = Math.max(1, ...this.bars().map((bar) => bar.value));
    const room = CHART_WIDTH - LABEL_WIDTH - VALUE_SPACE;
    return this.bars().map((bar) => ({ ...bar, width: Math.round((bar.value / max) * room) }));
  });
  protected readonly summary = computed(() =>
    this.bars()
      .map((bar) => `${bar.label}: ${bar.value}`)
      .join(', '),
  );
}
