import type { ComponentMapping } from '@remote-ui/react/host';
import { DescriptionList, DescriptionListItem, LineChart, Statistics, StatisticsItem, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './data.tsx';
import { CrmActionLink } from './crm-actions.tsx';
import { Button, Form, LoadingButton } from './buttons.tsx';
import { DateInput, Select, TextArea } from './controls.tsx';
import { Alert, EmptyState, ErrorState, LoadingSpinner, ProgressBar, StatusTag } from './feedback.tsx';
import { AutoGrid, Divider, Flex, Tile } from './layout.tsx';
import { Accordion } from './overlays.tsx';
import { Heading, Link, Text } from './text.tsx';

/**
 * DOM stand-ins for HubSpot's remote components, keyed by the names @hubspot/ui-extensions
 * registers them under. A component the card uses that is missing here shows as a visible
 * placeholder (see remote-card.tsx), never silently.
 */
export const previewComponents: ComponentMapping = {
  Accordion,
  Alert,
  AutoGrid,
  Button,
  CrmActionLink,
  DateInput,
  DescriptionList,
  DescriptionListItem,
  Divider,
  EmptyState,
  ErrorState,
  Flex,
  Form,
  Heading,
  LineChart,
  Link,
  LoadingButton,
  LoadingSpinner,
  ProgressBar,
  Select,
  Statistics,
  StatisticsItem,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
  TextArea,
  Tile,
};
